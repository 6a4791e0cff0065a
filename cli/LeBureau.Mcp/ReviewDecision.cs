using System.Text.Json.Serialization;

namespace LeBureau.Mcp;

/// <summary>A review decision, as tools accept it.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ReviewDecision>))]
public enum ReviewDecision
{
    [JsonStringEnumMemberName("approve")] Approve,
    [JsonStringEnumMemberName("reject")] Reject,
}
