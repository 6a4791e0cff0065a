using System.Text.Json.Serialization;

namespace LeBureau.Resources;

/// <summary>What a mission-control task runs on its desktop.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<TaskType>))]
public enum TaskType
{
    /// <summary>A message to the desktop's chat agent.</summary>
    [JsonStringEnumMemberName("prompt")] Prompt,

    /// <summary>A shell command run by the desktop agent.</summary>
    [JsonStringEnumMemberName("command")] Command,
}
