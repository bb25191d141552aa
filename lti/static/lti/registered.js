// LTI Dynamic Registration: tell the platform the registration is done so that it closes this frame.
if (document.querySelector("[data-lti-registered]")) {
  (window.opener || window.parent).postMessage({ subject: "org.imsglobal.lti.close" }, "*");
}
