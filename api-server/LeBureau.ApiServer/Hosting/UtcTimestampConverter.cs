using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace LeBureau.ApiServer.Hosting;

/// <summary>
/// Writes every <see cref="DateTimeOffset"/> of a response as RFC 3339 in UTC with a <c>Z</c>, as the seeds do
/// (<c>2026-03-15T10:00:00Z</c>, fractions of a second only when there are some); System.Text.Json alone writes the
/// offset (<c>+00:00</c>). Reads any RFC 3339 time.
/// </summary>
public sealed class UtcTimestampConverter : JsonConverter<DateTimeOffset>
{
    /// <inheritdoc />
    public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => reader.GetDateTimeOffset();

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStringValue(Format(value));
    }

    /// <summary>The time as RFC 3339 UTC with a Z.</summary>
    public static string Format(DateTimeOffset value) =>
        value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture);
}
