using Microsoft.Playwright;

namespace StockLakehouse.Dashboard.Tests;

/// <summary>A page of the dashboard opened from disk (file://), recording console errors, page errors and every request it makes.</summary>
internal sealed class OpenedPage : IAsyncDisposable
{
    // Pixels of any of the given colours (within 20 per channel, opaque) on the canvases of a chart's plot area: the
    // largest cell of the element (a pane's row, or a chart), which leaves out price and time axes and their labels.
    // Proof that series were drawn in those colours, not only the background and grid.
    private const string CountColoredPixels = """
        ([selector, colors]) => {
          const root = document.querySelector(selector);
          if (!root) return -1;
          const cells = [...root.querySelectorAll('td')];
          const plot = cells.length ? cells.reduce((a, b) => a.clientWidth * a.clientHeight >= b.clientWidth * b.clientHeight ? a : b) : root;
          const rgb = colors.map((hex) => [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16)));
          let hits = 0;
          for (const canvas of plot.querySelectorAll('canvas')) {
            if (!canvas.width || !canvas.height) continue;
            const pixels = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
            for (let i = 0; i < pixels.length; i += 4) {
              if (pixels[i + 3] > 200 && rgb.some(([r, g, b]) => Math.abs(pixels[i] - r) < 20 && Math.abs(pixels[i + 1] - g) < 20 && Math.abs(pixels[i + 2] - b) < 20)) hits++;
            }
          }
          return hits;
        }
        """;

    private OpenedPage(IPage page) => Page = page;

    public IPage Page { get; }

    public List<string> Errors { get; } = [];

    public List<string> Requests { get; } = [];

    public static async Task<OpenedPage> OpenAsync(DashboardFixture fixture, string view)
    {
        var page = new OpenedPage(await fixture.Browser.NewPageAsync());
        page.Page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                page.Errors.Add(message.Text);
            }
        };
        page.Page.PageError += (_, error) => page.Errors.Add(error);
        page.Page.Request += (_, request) => page.Requests.Add(request.Url);
        await page.Page.GotoAsync(new Uri(fixture.PagePath).AbsoluteUri + "#" + view);
        await page.Page.WaitForSelectorAsync("body[data-ready='true']");
        return page;
    }

    /// <summary>
    /// Asserts that the plot area of <paramref name="selector"/> holds at least <paramref name="minimum"/> pixels of the
    /// colours (<c>#rrggbb</c>) of <paramref name="what"/>, waiting up to ten seconds for the chart to paint them.
    /// </summary>
    public async Task AssertDrawsAsync(string selector, string what, int minimum, params string[] colors)
    {
        try
        {
            await Page.WaitForFunctionAsync($"(args) => ({CountColoredPixels})(args) >= {minimum}", new object[] { selector, colors }, new PageWaitForFunctionOptions { Timeout = 10_000 });
        }
        catch (TimeoutException)
        {
            var drawn = await Page.EvaluateAsync<int>(CountColoredPixels, new object[] { selector, colors });
            Assert.Fail($"{what} did not draw in {selector}: {drawn} pixels of {string.Join(", ", colors)}, fewer than {minimum}.");
        }
    }

    /// <summary>The pixels of every canvas in <paramref name="selector"/> as data URLs: equal only when the charts look the same.</summary>
    public Task<string> CanvasImageAsync(string selector) =>
        Page.EvaluateAsync<string>("(selector) => [...document.querySelectorAll(selector + ' canvas')].map(c => c.toDataURL()).join('|')", selector);

    public Task<string> TextAsync(string selector) => Page.Locator(selector).InnerTextAsync();

    public async Task ScreenshotAsync(string name) =>
        await Page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(DashboardFixture.ScreenshotFolder, name + ".png"), FullPage = true });

    /// <summary>Requests for anything but the page itself: the page must be self-contained.</summary>
    public IEnumerable<string> RequestsOffDisk() => Requests.Where(url => !url.StartsWith("file:", StringComparison.Ordinal) && !url.StartsWith("data:", StringComparison.Ordinal));

    public ValueTask DisposeAsync() => new(Page.CloseAsync());
}
