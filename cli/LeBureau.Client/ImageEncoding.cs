using System.Text.Json.Serialization;

namespace LeBureau.Client;

/// <summary>How a screenshot is encoded (JSON: png, jpeg).</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ImageEncoding>))]
public enum ImageEncoding
{
    /// <summary>Lossless PNG (the default).</summary>
    [JsonStringEnumMemberName("png")] Png,

    /// <summary>JPEG with a quality of 1–100: much smaller, for previews.</summary>
    [JsonStringEnumMemberName("jpeg")] Jpeg,
}
