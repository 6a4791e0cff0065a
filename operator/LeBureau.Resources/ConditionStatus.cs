using System.Text.Json.Serialization;

namespace LeBureau.Resources;

/// <summary>The truth value of a <see cref="Condition"/>.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ConditionStatus>))]
public enum ConditionStatus
{
    /// <summary>The condition holds.</summary>
    True,

    /// <summary>The condition does not hold.</summary>
    False,

    /// <summary>The controller cannot tell yet.</summary>
    Unknown,
}
