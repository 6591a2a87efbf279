// lernorte serve: live reload for the preview. Injected into every HTML page by the preview
// server only; never part of a built site.
(function () {
  'use strict';
  if (window.__lernorteLive || !window.EventSource) return;
  window.__lernorteLive = true;

  // Compares paths as the server names them: decoded, "/x/index.html" the same as "/x/".
  function normal(path) {
    try {
      path = decodeURIComponent(path);
    } catch (e) {
      // Keep a malformed path as it is; it then simply matches nothing.
    }
    return path.replace(/\/index\.html$/, '/');
  }

  function data(event) {
    try {
      return JSON.parse(event.data) || {};
    } catch (e) {
      console.warn('lernorte: unlesbare Nachricht vom Server', event.data);
      return {};
    }
  }

  function paths(message) {
    return Array.isArray(message.pfade) ? message.pfade.map(normal) : [];
  }

  function swapStylesheets(wanted) {
    var links = document.querySelectorAll('link[rel~="stylesheet"][href]');
    Array.prototype.forEach.call(links, function (old) {
      // A sheet already being replaced is left to its successor.
      if (old.hasAttribute('data-lernorte-alt')) return;
      var url;
      try {
        url = new URL(old.href, location.href);
      } catch (e) {
        return;
      }
      if (url.origin !== location.origin || wanted.indexOf(normal(url.pathname)) < 0) return;
      url.searchParams.set('lernorte', String(Date.now()));
      var fresh = old.cloneNode(false);
      fresh.href = url.href;
      old.setAttribute('data-lernorte-alt', '');
      var done = function () {
        if (old.parentNode) old.parentNode.removeChild(old);
      };
      // The old sheet stays until the new one applies, so the page never shows unstyled.
      fresh.addEventListener('load', done);
      fresh.addEventListener('error', done);
      old.parentNode.insertBefore(fresh, old.nextSibling);
    });
  }

  var serverId = null;
  var source = new EventSource('/__lernorte/events');

  source.addEventListener('hallo', function (event) {
    if (serverId !== null && serverId !== event.data) {
      console.info('lernorte: Server neu gestartet, lade die Seite neu');
      location.reload();
      return;
    }
    serverId = event.data;
  });

  source.addEventListener('reload', function (event) {
    var message = data(event);
    if (message.alle === true || paths(message).indexOf(normal(location.pathname)) >= 0) {
      location.reload();
    }
  });

  source.addEventListener('css', function (event) {
    swapStylesheets(paths(data(event)));
  });

  // Delegated, so it works wherever the overlay sits in the page.
  document.addEventListener('click', function (event) {
    var target = event.target;
    if (!(target instanceof Element) || !target.closest('#lernorte-fehler .lernorte-ausblenden')) {
      return;
    }
    var panel = document.getElementById('lernorte-fehler');
    if (panel) panel.hidden = true;
  });
})();
