using System.ComponentModel.DataAnnotations;
using System.Text.Json.Serialization;

namespace LeBureau.Resources;

/// <summary>A key of a Secret in the same namespace as the resource that refers to it.</summary>
public sealed class SecretKeyRef
{
    /// <summary>Name of the Secret. Required, a DNS subdomain name.</summary>
    [Required, MinLength(1), MaxLength(253), RegularExpression(@"^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$")]
    [JsonPropertyName("name")]
    public string Name { get; set; } = "";

    /// <summary>Key inside the Secret's data. Default "apiKey".</summary>
    [Schema.Default("apiKey"), MinLength(1), MaxLength(253), RegularExpression(@"^[-._a-zA-Z0-9]+$")]
    [JsonPropertyName("key")]
    public string Key { get; set; } = "apiKey";
}
