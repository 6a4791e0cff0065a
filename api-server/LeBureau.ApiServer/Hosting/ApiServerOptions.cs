using System.ComponentModel.DataAnnotations;

namespace LeBureau.ApiServer.Hosting;

/// <summary>Behaviour of the api-server (section <c>ApiServer</c>).</summary>
public sealed class ApiServerOptions
{
    public const string Section = "ApiServer";

    /// <summary>Requests per minute per API key when the key sets no <c>spec.rateLimitPerMinute</c>. Default 60.</summary>
    [Range(1, 1_000_000)]
    public int RateLimitPerMinute { get; set; } = 60;

    /// <summary>Largest accepted request body, in bytes; larger bodies answer 413. Default 8 MiB.</summary>
    [Range(1024, 1L << 32)]
    public long MaxRequestBodyBytes { get; set; } = 8L * 1024 * 1024;

    /// <summary>Timeout of one call to a desktop agent. Default 60 s.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan AgentTimeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Label selector of the per-desktop agent-token Secrets the operator creates.</summary>
    [Required]
    public string AgentTokenSecretSelector { get; set; } = "lebureau.io/component=agent-token";

    /// <summary>Key of the token inside an agent-token Secret.</summary>
    [Required]
    public string AgentTokenSecretKey { get; set; } = "token";

    /// <summary>Default lifetime of a desktop created through <c>POST /v1/desktop</c> without <c>timeout_ms</c>. Default 1 h.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "365.00:00:00")]
    public TimeSpan CyberdeskDefaultTimeout { get; set; } = TimeSpan.FromHours(1);

    /// <summary>
    /// Base URL clients reach this api-server at (e.g. <c>https://desktops.example.com</c>), used to build <c>stream_url</c>;
    /// when empty, the scheme and host of the request. Behind a TLS-terminating ingress, set it.
    /// </summary>
    [Url]
    public string? PublicUrl { get; set; }

    /// <summary>How long a live-view ticket (the <c>stream_url</c> of <c>GET /v1/desktop/:id</c>) can be used to connect. Default 15 min.</summary>
    [Range(typeof(TimeSpan), "00:00:10", "1.00:00:00")]
    public TimeSpan LiveViewTicketLifetime { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>
    /// Folder holding noVNC (Debian's <c>novnc</c> package installs it at the default, <c>/usr/share/novnc</c>): served at
    /// <c>/novnc</c> for the live-view page. When it is missing, <c>stream_url</c> still works for websocket clients.
    /// </summary>
    public string? NoVncDirectory { get; set; } = "/usr/share/novnc";
}
