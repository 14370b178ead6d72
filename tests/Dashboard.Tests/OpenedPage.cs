using Microsoft.Playwright;

namespace StockLakehouse.Dashboard.Tests;

/// <summary>A page of the dashboard opened from disk (file://), recording console errors, page errors and every request it makes.</summary>
internal sealed class OpenedPage : IAsyncDisposable
{
    // Pixels of any of the given colours (within a small tolerance, opaque) on the canvases inside a container:
    // proof that series were drawn in those colours, not only the background, grid and axes.
    private const string CountColoredPixels = """
        ([selector, colors]) => {
          let hits = 0;
          for (const canvas of document.querySelectorAll(selector + ' canvas')) {
            if (!canvas.width || !canvas.height) continue;
            const pixels = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
            for (let i = 0; i < pixels.length; i += 4) {
              if (pixels[i + 3] > 200 && colors.some(([r, g, b]) => Math.abs(pixels[i] - r) < 10 && Math.abs(pixels[i + 1] - g) < 10 && Math.abs(pixels[i + 2] - b) < 10)) hits++;
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

    /// <summary>Waits until the canvases in <paramref name="selector"/> hold pixels of one of <paramref name="colors"/> (RGB), and returns how many.</summary>
    public async Task<int> ColoredPixelsAsync(string selector, params int[][] colors)
    {
        await Page.WaitForFunctionAsync($"(args) => ({CountColoredPixels})(args) > 0", new object[] { selector, colors }, new PageWaitForFunctionOptions { Timeout = 10_000 });
        return await Page.EvaluateAsync<int>(CountColoredPixels, new object[] { selector, colors });
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
