from django.core.management.base import BaseCommand, CommandError

from search.importer import file_lines, import_lines


class Command(BaseCommand):
    help = "Import a course catalogue (JSON Lines) as published course pages; idempotent by external_id."

    def add_arguments(self, parser):
        parser.add_argument("file", help="a .jsonl file, one course a line")

    def handle(self, *args, file, **options):
        try:
            with open(file, "rb") as handle:
                report = import_lines(file_lines(handle))
        except OSError as error:
            raise CommandError(f"Cannot read {file}: {error}") from error
        for number, note in report.mapped:
            self.stdout.write(f"line {number}: mapped {note}")
        for number, reason in report.rejected:
            self.stderr.write(f"line {number}: rejected: {reason}")
        self.stdout.write(f"{report.created} created, {report.updated} updated, {len(report.rejected)} rejected")
        if report.rejected and not (report.created or report.updated):
            raise CommandError("No line could be imported.")
