using System.Text.Json;
using Microsoft.Playwright;

namespace LeBureau.Streams.Tests;

/// <summary>A browser's own EventSource in headless Chromium, authenticated with <c>?apiKey=</c> as seed 003 shows.</summary>
public sealed class BrowserEventSource : IAsyncDisposable
{
    private readonly IPlaywright _playwright;
    private readonly IBrowser _browser;
    private readonly IPage _page;

    private BrowserEventSource(IPlaywright playwright, IBrowser browser, IPage page)
    {
        _playwright = playwright;
        _browser = browser;
        _page = page;
    }

    public static async Task<BrowserEventSource> OpenAsync(Uri server, string path)
    {
        var playwright = await Playwright.CreateAsync();
        var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = "/usr/bin/chromium",
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                    "--disable-component-update", "--disable-sync"],
        });
        var page = await browser.NewPageAsync();
        // A page of the api-server's own origin, so that the EventSource is same-origin.
        await page.GotoAsync(new Uri(server, "/openapi/v1.json").ToString());
        await page.EvaluateAsync("""
            path => {
              window.received = [];
              window.opened = false;
              const source = new EventSource(path);
              source.onopen = () => { window.opened = true; };
              source.onmessage = event => window.received.push({ id: event.lastEventId, data: JSON.parse(event.data) });
            }
            """, path);
        await page.WaitForFunctionAsync("() => window.opened === true", null, new PageWaitForFunctionOptions { Timeout = 30_000 });
        return new BrowserEventSource(playwright, browser, page);
    }

    /// <summary>The events the page received: {id, data: {type, payload}}.</summary>
    public async Task<IReadOnlyList<JsonElement>> EventsAsync() =>
        [.. (await _page.EvaluateAsync<JsonElement>("() => window.received")).EnumerateArray()];

    public async Task<bool> HasAsync(string type, string id) => (await EventsAsync()).Any(e =>
        e.GetProperty("data").GetProperty("type").GetString() == type && e.GetProperty("data").GetProperty("payload").GetProperty("id").GetString() == id);

    public async ValueTask DisposeAsync()
    {
        await _browser.DisposeAsync();
        _playwright.Dispose();
    }
}
