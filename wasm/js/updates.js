// wasm/js/updates.js — offline and updates (issue 8). Owns the service worker's registration
// (sw.js precaches the site), the check for a new deployment and its application on the user's
// click. Adds `applyUpdate` (browser.js), `offlineReady` and `checkForUpdate` (test_hook.js) to
// the namespace; tells C++ through certdesk_update_available.
(function () {
  'use strict';
  var bridge = Module.certdesk;
  // sw.js precaches the site. A new deployment installs in the background and waits; the app
  // shows 新版本可用 and applies it only on the user's click with nothing unsaved.
  var waitingWorker = null, applying = false;
  function offerUpdate(worker) {
    waitingWorker = worker;
    if (Module._certdesk_update_available) Module._certdesk_update_available();
  }
  function registerServiceWorker() {
    if (!('serviceWorker' in navigator) || !window.isSecureContext) return;
    navigator.serviceWorker.register('sw.js').then(function (reg) {
      if (reg.waiting && navigator.serviceWorker.controller) offerUpdate(reg.waiting);
      reg.addEventListener('updatefound', function () {
        var w = reg.installing;
        if (!w) return;
        w.addEventListener('statechange', function () {
          if (w.state === 'installed' && navigator.serviceWorker.controller) offerUpdate(w);
        });
      });
      var check = function () { reg.update().catch(function () { /* offline: try later */ }); };
      setInterval(check, 30 * 60 * 1000);
      document.addEventListener('visibilitychange', function () { if (!document.hidden) check(); });
    }).catch(function (err) { console.warn('certdesk: service worker not registered', err); });
    navigator.serviceWorker.addEventListener('controllerchange', function () {
      if (applying) location.reload();
    });
  }
  bridge.applyUpdate = function () {
    if (!waitingWorker) return;
    applying = true;
    waitingWorker.postMessage('certdesk-apply-update');
  };
  // Resolves when a service worker controls the page (offline-ready after one visit).
  bridge.offlineReady = function () {
    if (!('serviceWorker' in navigator)) return Promise.resolve(false);
    return navigator.serviceWorker.ready.then(function () { return true; });
  };
  // Asks the browser to look for a new deployment now (as it does every 30 minutes).
  bridge.checkForUpdate = function () {
    if (!('serviceWorker' in navigator)) return Promise.resolve();
    return navigator.serviceWorker.getRegistration().then(function (reg) { return reg && reg.update(); });
  };

  bridge.firstFrameHooks.push(registerServiceWorker);
})();
