using System.Text.Json.Serialization;

namespace LeBureau.ApiServer.Hosting;

/// <summary>The Cyberdesk-style error body.</summary>
public sealed record CyberdeskError([property: JsonPropertyName("error")] string Error)
{
    [JsonPropertyName("status")]
    public string Status => "error";
}
