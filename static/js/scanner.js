// The tablet's camera as a QR scanner (jsQR, from npm, served by the kiosk):
// KioskScanner.camera({video, canvas, hint, onCode}) starts it; onCode(text)
// is called for every code seen (callers skip repeats).
(function () {
  "use strict";
  function camera(options) {
    var video = options.video, canvas = options.canvas, hint = options.hint;
    var context = canvas.getContext("2d", { willReadFrequently: true });
    var lastFrame = 0;
    if (!navigator.mediaDevices || !navigator.mediaDevices.getUserMedia) {
      if (hint) hint.textContent = options.noCamera + "https";
      return Promise.resolve(false);
    }
    function scanFrame(time) {
      requestAnimationFrame(scanFrame);
      if (time - lastFrame < 120 || video.readyState < 2) return;
      lastFrame = time;
      canvas.width = video.videoWidth; canvas.height = video.videoHeight;
      context.drawImage(video, 0, 0, canvas.width, canvas.height);
      var image = context.getImageData(0, 0, canvas.width, canvas.height);
      var found = jsQR(image.data, image.width, image.height, { inversionAttempts: "dontInvert" });
      if (found && found.data) options.onCode(found.data);
    }
    return navigator.mediaDevices.getUserMedia({ video: { facingMode: "environment" }, audio: false }).then(function (stream) {
      video.srcObject = stream;
      video.play();
      requestAnimationFrame(scanFrame);
      return true;
    }, function (error) {
      if (hint) hint.textContent = options.noCamera + error.name;
      return false;
    });
  }

  // Idempotency keys come from the outbox, which keeps them with the queued action.
  window.KioskScanner = { camera: camera, newId: KioskOutbox.newId };
})();
