using System.Net;

namespace LeBureau.ApiServer.LiveView;

/// <summary>
/// The page a browser gets when it opens a <c>stream_url</c> with <c>http(s)</c>: noVNC (served from
/// <c>/novnc</c>) connecting back to the same URL as a websocket. Pure: the HTML for its inputs.
/// </summary>
public static class LiveViewPage
{
    public static string Html(string desktopUid, string pathBase, bool viewOnly)
    {
        var title = WebUtility.HtmlEncode($"Le Bureau · desktop {desktopUid}");
        var module = WebUtility.HtmlEncode($"{pathBase.TrimEnd('/')}/novnc/core/rfb.js");
        return $$"""
            <!doctype html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>{{title}}</title>
            <style>
              html, body { margin: 0; height: 100%; background: #1d1f21; color: #e0e0e0; font: 13px system-ui, sans-serif; }
              #screen { position: absolute; inset: 0; }
              #status { position: fixed; top: 8px; right: 8px; padding: 4px 10px; border-radius: 4px; background: #000a; z-index: 1; }
            </style>
            </head>
            <body data-state="connecting">
            <div id="status">connecting…</div>
            <div id="screen"></div>
            <script type="module">
              import RFB from "{{module}}";
              const status = document.getElementById("status");
              const target = new URL(location.href);
              target.protocol = location.protocol === "https:" ? "wss:" : "ws:";
              let connected = false;
              function connect() {
                const rfb = new RFB(document.getElementById("screen"), target.href, { wsProtocols: ["binary"] });
                rfb.viewOnly = {{(viewOnly ? "true" : "false")}};
                rfb.scaleViewport = true;
                rfb.addEventListener("connect", () => {
                  connected = true;
                  document.body.dataset.state = "connected";
                  status.textContent = rfb.viewOnly ? "view only" : "connected";
                });
                rfb.addEventListener("disconnect", event => {
                  if (!connected) {
                    // Not running yet (the websocket answers 409): try again every 5 s (each try counts against the rate limit).
                    document.body.dataset.state = "waiting";
                    status.textContent = "waiting for the desktop to start…";
                    setTimeout(connect, 5000);
                    return;
                  }
                  document.body.dataset.state = "disconnected";
                  status.textContent = event.detail.clean ? "disconnected" : "connection lost: reload with a fresh stream_url";
                });
              }
              connect();
            </script>
            </body>
            </html>
            """;
    }
}
