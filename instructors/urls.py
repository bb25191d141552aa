app_name = "instructors"
urlpatterns: list = []
