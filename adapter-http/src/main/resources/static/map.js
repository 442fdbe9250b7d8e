// The area page's map (Leaflet, from our own server). It shows the places the page lists: the
// search results and the ranking, read from those lists (each line carries data-lat and data-lon),
// so it shows exactly what they do and follows them as app.js changes them live. A marker's popup
// holds the same vote form as a list line; app.js handles both with one code path. Without
// Leaflet, or without JavaScript, the map stays hidden and the lists work as they do.
(function () {
  "use strict";

  var root = document.getElementById("area");
  var box = root && root.querySelector(".map-box");
  if (!box || !window.L || !window.Map || !("MutationObserver" in window) || !("ResizeObserver" in window)) {
    return;
  }

  var AREA = root.dataset.area;
  var DEFAULT_VIEW = { centre: [30, 10], zoom: 1 };
  var NEAR_ZOOM = 15;
  var container = document.getElementById("map");
  var venues = root.querySelector(".venues");
  var ranking = root.querySelector(".ranking");
  var map = null;
  var markers = new Map(); // venue id -> { marker, key }

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) {
      node.className = className;
    }
    if (text !== undefined && text !== null) {
      node.textContent = text;
    }
    return node;
  }

  function position(item) {
    var lat = parseFloat(item.dataset.lat);
    var lon = parseFloat(item.dataset.lon);
    return isFinite(lat) && isFinite(lon) ? [lat, lon] : null;
  }

  function text(item, selector) {
    var node = item.querySelector(selector);
    return node ? node.textContent.trim() : "";
  }

  /** The places both lists show, by id, with what a marker says of each. */
  function places() {
    var found = new Map();
    venues.querySelectorAll("li.place").forEach(function (item) {
      var at = position(item);
      if (at) {
        found.set(item.dataset.venueId, { id: item.dataset.venueId, name: text(item, ".venue"),
          details: text(item, "small"), at: at, votes: "", leader: false, yours: item.classList.contains("yours") });
      }
    });
    ranking.querySelectorAll("li.line").forEach(function (item) {
      var at = position(item);
      if (!at) {
        return;
      }
      var place = found.get(item.dataset.venueId) || { id: item.dataset.venueId, name: text(item, ".venue"),
        details: "", at: at };
      place.votes = text(item, ".count");
      place.leader = item.classList.contains("leader");
      place.yours = item.classList.contains("yours");
      found.set(place.id, place);
    });
    return found;
  }

  function icon(place) {
    var pin = el("span", "map-pin-head", place.leader ? "★" : (place.votes ? place.votes.split(" ")[0] : ""));
    pin.setAttribute("aria-hidden", "true");
    return L.divIcon({
      className: "map-pin" + (place.votes ? " voted" : "") + (place.leader ? " leader" : "") + (place.yours ? " yours" : ""),
      html: pin,
      iconSize: [44, 44],
      iconAnchor: [22, 44],
      popupAnchor: [0, -40]
    });
  }

  function title(place) {
    return place.name + (place.leader ? ", leading" : "") + (place.votes ? ", " + place.votes : "");
  }

  /** The popup: the place and a vote form like a list line's, so it posts without the live connection too. */
  function popup(place) {
    var content = el("div", "map-popup");
    content.dataset.venueId = place.id;
    content.appendChild(el("strong", "venue", place.name));
    if (place.details) {
      content.appendChild(el("small", null, place.details));
    }
    if (place.votes) {
      content.appendChild(el("span", "map-votes", place.leader ? "Leading with " + place.votes : place.votes));
    }
    var form = el("form", "vote-for");
    form.method = "post";
    form.action = "/a/" + AREA + "/vote";
    var csrf = root.querySelector("input[name=csrf]");
    var hidden = el("input");
    hidden.type = "hidden";
    hidden.name = "csrf";
    hidden.value = csrf ? csrf.value : "";
    var q = el("input");
    q.type = "hidden";
    q.name = "q";
    q.value = document.getElementById("q") ? document.getElementById("q").value : "";
    var button = el("button", null, "Vote");
    button.type = "submit";
    button.name = "venue";
    button.value = place.id;
    button.appendChild(el("span", "visually-hidden", " for " + place.name));
    form.append(hidden, q, button);
    content.appendChild(form);
    return content;
  }

  /** Brings the markers in line with the lists: new ones added, changed ones redrawn, gone ones removed. */
  function render() {
    var found = places();
    markers.forEach(function (entry, id) {
      if (!found.has(id)) {
        entry.marker.remove();
        markers.delete(id);
      }
    });
    found.forEach(function (place, id) {
      var key = JSON.stringify(place);
      var entry = markers.get(id);
      if (entry && entry.key === key) {
        return;
      }
      if (!entry) {
        entry = { marker: L.marker(place.at, { icon: icon(place), title: title(place), riseOnHover: true }) };
        entry.marker.bindPopup(popup(place), { minWidth: 200, maxWidth: 280 }).addTo(map);
        markers.set(id, entry);
      } else {
        entry.marker.setLatLng(place.at);
        entry.marker.options.title = title(place);
        entry.marker.setIcon(icon(place));
        entry.marker.getElement().title = title(place); // Leaflet reuses a div icon and keeps its old title
        entry.marker.setPopupContent(popup(place));
      }
      entry.marker.setZIndexOffset(place.leader ? 1000 : place.votes ? 500 : 0);
      entry.key = key;
    });
  }

  /** Shows every marker, or the default view when there is none. */
  function fitMarkers(points) {
    if (points.length === 1) {
      map.setView(points[0], NEAR_ZOOM);
    } else if (points.length > 1) {
      map.fitBounds(L.latLngBounds(points), { padding: [30, 30], maxZoom: 17 });
    } else {
      map.setView(DEFAULT_VIEW.centre, DEFAULT_VIEW.zoom);
    }
  }

  function shownPoints() {
    return Array.from(places().values()).map(function (place) { return place.at; });
  }

  /** The area's centre when it has one (the first point searched there), else the places shown. */
  function firstView() {
    var lat = parseFloat(box.dataset.centreLat);
    var lon = parseFloat(box.dataset.centreLon);
    if (isFinite(lat) && isFinite(lon)) {
      map.setView([lat, lon], NEAR_ZOOM);
    } else {
      fitMarkers(shownPoints());
    }
  }

  function start() {
    map = L.map(container, {
      // A map must not swallow the page's scrolling: no zoom by the wheel, and on a touch screen one
      // finger scrolls the page while two fingers zoom the map.
      scrollWheelZoom: false,
      dragging: !L.Browser.mobile,
      attributionControl: false
    });
    if (box.dataset.tiles) {
      L.tileLayer(box.dataset.tiles, { maxZoom: 19 }).addTo(map);
    }
    render();
    firstView();
    new MutationObserver(function () {
      render();
      // New search results: show them all. A vote only moves markers, never the view.
      var points = [];
      venues.querySelectorAll("li.place").forEach(function (item) {
        var at = position(item);
        if (at) {
          points.push(at);
        }
      });
      if (points.length) {
        fitMarkers(points);
      }
    }).observe(venues, { childList: true });
    new MutationObserver(render).observe(ranking, { childList: true, subtree: true, attributes: true, attributeFilter: ["class"] });
  }

  box.hidden = false;
  // The map lives in the vote box, hidden until you join: Leaflet needs a size, so it starts once
  // it has one and is told whenever that changes.
  new ResizeObserver(function () {
    if (!container.offsetWidth || !container.offsetHeight) {
      return;
    }
    if (!map) {
      start();
    } else {
      map.invalidateSize();
    }
  }).observe(container);
})();
