// The map of events: GeoJSON points drawn with Leaflet; tiles only when the server names a tile URL.
(function () {
  "use strict";
  var el = document.getElementById("map");
  if (!el || typeof L === "undefined") return;
  var map = L.map(el, { worldCopyJump: true, attributionControl: true }).setView([49, 31], 5);
  var tiles = el.dataset.tiles;
  if (tiles) {
    L.tileLayer(tiles, { maxZoom: 18, attribution: el.dataset.attribution || "" }).addTo(map);
  } else {
    // No tiles: a graticule every 5 degrees keeps the points in place for the eye.
    el.classList.add("no-tiles");
    var grid = { color: "#c5d3e0", weight: 1, interactive: false };
    for (var lat = -80; lat <= 80; lat += 5) L.polyline([[lat, -180], [lat, 180]], grid).addTo(map);
    for (var lon = -180; lon <= 180; lon += 5) L.polyline([[-85, lon], [85, lon]], grid).addTo(map);
  }

  function escapeHtml(s) {
    return String(s).replace(/[&<>"']/g, function (c) {
      return { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" }[c];
    });
  }

  // The box around most points: a few far-away places (a summit abroad) should not shrink the story's area.
  function coreBounds(features) {
    var lats = [], lons = [];
    features.forEach(function (f) { lons.push(f.geometry.coordinates[0]); lats.push(f.geometry.coordinates[1]); });
    function trimmed(values) {
      values.sort(function (a, b) { return a - b; });
      var cut = values.length >= 10 ? Math.floor(values.length * 0.1) : 0;
      return [values[cut], values[values.length - 1 - cut]];
    }
    var la = trimmed(lats), lo = trimmed(lons);
    return L.latLngBounds([la[0], lo[0]], [la[1], lo[1]]);
  }

  function popup(props) {
    var items = (props.events || []).slice(0, 5).map(function (e) {
      var title = e.title.length > 90 ? e.title.slice(0, 88) + "…" : e.title;
      return '<li><a href="/events/' + encodeURIComponent(e.id) + '">' + escapeHtml(title) + "</a> " +
        '<span class="meta">' + escapeHtml((e.date || "").slice(0, 10)) + "</span></li>";
    });
    var all = '<a href="/events?place=' + encodeURIComponent(props.name) + '">' + escapeHtml(el.dataset.all || "") +
      " (" + props.count + ") →</a>";
    return "<strong>" + escapeHtml(props.name) + "</strong> (" + props.count + ")<ul>" + items.join("") + "</ul>" + all;
  }

  fetch(el.dataset.geojson, { headers: { Accept: "application/geo+json, application/json" }, credentials: "same-origin" })
    .then(function (r) { if (!r.ok) throw new Error(r.status); return r.json(); })
    .then(function (data) {
      var labelled = 0;  // the busiest places (the server sends them first) keep their names on the map
      var layer = L.geoJSON(data, {
        pointToLayer: function (feature, latlng) {
          var n = feature.properties.count || 1;
          return L.circleMarker(latlng, {
            radius: Math.min(6 + 3 * Math.sqrt(n), 22), color: "#0b5cad", weight: 2, fillColor: "#3d8bd9", fillOpacity: 0.7
          });
        },
        onEachFeature: function (feature, marker) {
          marker.bindPopup(popup(feature.properties), { maxWidth: 320, maxHeight: 260 });
          var permanent = labelled++ < 10;
          marker.bindTooltip(escapeHtml(feature.properties.name), {
            permanent: permanent, direction: "right", offset: [8, 0], className: permanent ? "place-label" : ""
          });
        }
      }).addTo(map);
      el.dataset.points = String(data.features.length);
      if (data.features.length) map.fitBounds(coreBounds(data.features).pad(0.3), { maxZoom: 7, animate: false });
      // /map#Kharkiv opens that place (the event page links here)
      var wanted = decodeURIComponent(location.hash.slice(1));
      layer.eachLayer(function (marker) {
        if (wanted && marker.feature.properties.name === wanted) {
          map.setView(marker.getLatLng(), 7, { animate: false });
          marker.openPopup();
        }
      });
    })
    .catch(function () { el.dataset.points = "error"; });
})();
