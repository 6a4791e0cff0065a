using System.ComponentModel.DataAnnotations;

namespace LeBureau.DesktopAgent;

/// <summary>The agent's settings, bound from the <c>Agent</c> configuration section (<c>Agent__X</c> env vars, <c>--Agent:X=</c> arguments).</summary>
public sealed class AgentOptions
{
    public const string Section = "Agent";

    /// <summary>Urls: addresses to listen on, e.g. <c>http://127.0.0.5:8080</c>. <c>--urls</c> wins when both are set. Default: ASP.NET Core's.</summary>
    public string? Urls { get; set; }

    /// <summary>Display: the X display to drive, e.g. <c>:99</c>. Default: the DISPLAY environment variable, else <c>:0</c>.</summary>
    [Required]
    public string Display { get; set; } = Environment.GetEnvironmentVariable("DISPLAY") is { Length: > 0 } display ? display : ":0";

    /// <summary>Token: the bearer token every request must carry. Mutually exclusive with TokenFile; one of them is required.</summary>
    public string? Token { get; set; }

    /// <summary>TokenFile: a file holding the token (surrounding whitespace ignored). Mutually exclusive with Token.</summary>
    public string? TokenFile { get; set; }

    /// <summary>VncPort: the localhost port of the interactive x11vnc. Default: 5900 + the display number.</summary>
    [Range(0, 65535)]
    public int VncPort { get; set; }

    /// <summary>VncViewOnlyPort: the localhost port of the view-only x11vnc. Default: VncPort + 1000.</summary>
    [Range(0, 65535)]
    public int VncViewOnlyPort { get; set; }

    /// <summary>X11VncPath: the x11vnc executable. Default: <c>x11vnc</c> from PATH.</summary>
    [Required]
    public string X11VncPath { get; set; } = "x11vnc";

    /// <summary>MetricsDiskPath: the file system whose usage /metrics reports. Default: <c>/</c>.</summary>
    [Required]
    public string MetricsDiskPath { get; set; } = "/";

    /// <summary>MaxRequestBodyBytes: larger request bodies are refused with 413. Default: 64 MiB.</summary>
    [Range(1024, long.MaxValue)]
    public long MaxRequestBodyBytes { get; set; } = 64L * 1024 * 1024;

    /// <summary>MaxFileReadBytes: larger files are refused by GET /files/content with 413. Default: 1 GiB.</summary>
    [Range(1, long.MaxValue)]
    public long MaxFileReadBytes { get; set; } = 1024L * 1024 * 1024;

    /// <summary>The display number (<c>:5.0</c> → 5), used for default ports.</summary>
    public int DisplayNumber
    {
        get
        {
            var colon = Display.LastIndexOf(':');
            var number = colon < 0 ? Display : Display[(colon + 1)..];
            var dot = number.IndexOf('.', StringComparison.Ordinal);
            return int.TryParse(dot < 0 ? number : number[..dot], out var value) ? value : 0;
        }
    }

    public int EffectiveVncPort => VncPort != 0 ? VncPort : 5900 + DisplayNumber;

    public int EffectiveVncViewOnlyPort => VncViewOnlyPort != 0 ? VncViewOnlyPort : EffectiveVncPort + 1000;
}
