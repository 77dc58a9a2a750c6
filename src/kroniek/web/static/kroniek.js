// Kroniek's pages work without this script for reading; it adds the writing actions:
// the access token (kept in a cookie) and forms that call the JSON API.
(function () {
  "use strict";
  var COOKIE = "kroniek_token";

  function readToken() {
    var m = document.cookie.match(/(?:^|;\s*)kroniek_token=([^;]*)/);
    return m ? decodeURIComponent(m[1]) : "";
  }

  function writeToken(value) {
    var attrs = "; path=/; SameSite=Strict" + (location.protocol === "https:" ? "; Secure" : "");
    if (value) {
      document.cookie = COOKIE + "=" + encodeURIComponent(value) + attrs + "; max-age=" + 60 * 60 * 24 * 90;
    } else {
      document.cookie = COOKIE + "=" + attrs + "; max-age=0";
    }
  }

  function say(form, text, ok) {
    var status = form.querySelector("[role=status]");
    if (!status) return;
    status.textContent = text;
    status.className = "status " + (ok ? "ok" : "error");
  }

  function errorText(body, response) {
    if (body && typeof body.detail === "string") return body.detail;
    if (body && Array.isArray(body.detail)) {
      return body.detail.map(function (d) { return (d.loc || []).slice(1).join(".") + ": " + d.msg; }).join("; ");
    }
    return response.status + " " + response.statusText;
  }

  function formJson(form) {
    var out = {};
    Array.prototype.forEach.call(form.elements, function (el) {
      if (!el.name || el.type === "submit" || el.type === "button" || el.disabled) return;
      if ((el.type === "checkbox" || el.type === "radio") && !el.checked) return;
      var value = el.value.trim();
      if (el.dataset.list !== undefined) {
        out[el.name] = value ? value.split(",").map(function (v) { return v.trim(); }).filter(Boolean) : [];
      } else if (value !== "") {
        out[el.name] = el.type === "number" ? Number(value) : value;
      }
    });
    return out;
  }

  function summary(body) {
    if (!body || typeof body !== "object") return "";
    if (typeof body.summary === "string") return body.summary;
    var parts = [];
    ["added", "duplicates", "errors"].forEach(function (k) {
      if (Array.isArray(body[k])) parts.push(k + ": " + body[k].length);
    });
    if (body.id !== undefined) parts.push("id " + body.id);
    if (body.overview_id !== undefined && body.overview_id !== null) parts.push("id " + body.overview_id);
    if (typeof body.queued === "number") parts.push("queued: " + body.queued);
    // A webhook's signing secret is shown once, here.
    if (typeof body.secret === "string" && body.secret) parts.push("secret: " + body.secret);
    return parts.join(", ");
  }

  function submitApi(event) {
    var form = event.target;
    if (!form.matches("form[data-api]")) return;
    event.preventDefault();
    if (form.dataset.confirm && !window.confirm(form.dataset.confirm)) return;
    var headers = { Accept: "application/json" };
    var token = readToken();
    if (token) headers["X-Kroniek-Token"] = token;
    var body;
    var method = form.dataset.method || "POST";
    if (method === "DELETE" || method === "GET") {
      body = undefined;
    } else if (form.dataset.encoding === "multipart") {
      body = new FormData(form);
    } else {
      headers["Content-Type"] = "application/json";
      body = JSON.stringify(formJson(form));
    }
    var button = form.querySelector("button[type=submit]");
    if (button) button.disabled = true;
    say(form, form.dataset.working || "…", true);
    fetch(form.dataset.api, { method: method, headers: headers, body: body, credentials: "same-origin" })
      .then(function (response) {
        return response.text().then(function (text) {
          var parsed = null;
          try { parsed = text ? JSON.parse(text) : null; } catch (e) { parsed = null; }
          if (!response.ok) throw new Error(errorText(parsed, response));
          return parsed;
        });
      })
      .then(function (parsed) {
        var detail = summary(parsed);
        say(form, (form.dataset.done || "OK") + (detail ? " " + detail : ""), true);
        if (parsed && Array.isArray(parsed.added) && parsed.added.length) {
          // links to the documents just added
          var status = form.querySelector("[role=status]");
          parsed.added.forEach(function (id) {
            var a = document.createElement("a");
            a.href = "/documents/" + encodeURIComponent(id);
            a.textContent = "document " + id;
            status.appendChild(document.createTextNode(" "));
            status.appendChild(a);
          });
        }
        form.dispatchEvent(new CustomEvent("kroniek:done", { bubbles: true, detail: parsed }));
        if (form.dataset.next) setTimeout(function () { location.assign(form.dataset.next); }, 600);
        else if (form.dataset.reload !== undefined) setTimeout(function () { location.reload(); }, 600);
      })
      .catch(function (err) {
        say(form, (form.dataset.failed || "Error") + ": " + err.message, false);
      })
      .then(function () { if (button) button.disabled = false; });
  }

  function setupToken(form) {
    var input = form.querySelector("input[name=token]");
    if (readToken()) input.placeholder = "••••••••";
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      writeToken(input.value.trim());
      input.value = "";
      input.placeholder = "••••••••";
      say(form, form.dataset.saved, true);
      if (form.dataset.next) location.assign(form.dataset.next);
    });
    form.querySelector(".token-forget").addEventListener("click", function () {
      writeToken("");
      input.placeholder = "";
      say(form, form.dataset.forgotten, true);
    });
  }

  function api(method, url) {
    var headers = { Accept: "application/json" };
    var token = readToken();
    if (token) headers["X-Kroniek-Token"] = token;
    return fetch(url, { method: method, headers: headers, credentials: "same-origin" }).then(function (response) {
      return response.text().then(function (text) {
        var parsed = null;
        try { parsed = text ? JSON.parse(text) : null; } catch (e) { parsed = null; }
        if (!response.ok) throw new Error(errorText(parsed, response));
        return parsed;
      });
    });
  }

  // A topic's subscriptions, listed for a token holder, each with a button to end it.
  function setupSubscriptions(box) {
    var list = box.querySelector("ul");
    var status = box.querySelector("[role=status]");
    function show() {
      api("GET", box.dataset.api).then(function (subs) {
        list.textContent = "";
        status.className = "status ok";
        status.textContent = subs.length + " " + box.dataset.count;
        subs.forEach(function (sub) {
          var li = document.createElement("li");
          li.className = "subscription";
          li.appendChild(document.createTextNode(sub.channel + ": " + sub.target + (sub.active ? "" : " (—)") + " "));
          var button = document.createElement("button");
          button.type = "button";
          button.textContent = box.dataset.remove;
          button.setAttribute("aria-label", box.dataset.remove + ": " + sub.target);
          button.addEventListener("click", function () {
            api("DELETE", "/api/subscriptions/" + encodeURIComponent(sub.id)).then(show, fail);
          });
          li.appendChild(button);
          list.appendChild(li);
        });
      }, fail);
    }
    function fail(err) {
      status.className = "status error";
      status.textContent = (box.dataset.failed || "Error") + ": " + err.message;
    }
    box.querySelector("button.show").addEventListener("click", show);
    document.addEventListener("kroniek:done", function (event) {
      if (event.target.id === "follow-form") show();
    });
  }

  document.addEventListener("submit", submitApi);
  document.addEventListener("DOMContentLoaded", function () {
    Array.prototype.forEach.call(document.querySelectorAll("form.token-form"), setupToken);
    Array.prototype.forEach.call(document.querySelectorAll("[data-subscriptions]"), setupSubscriptions);
  });
})();
