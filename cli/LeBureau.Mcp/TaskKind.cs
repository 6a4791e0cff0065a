using System.Text.Json.Serialization;

namespace LeBureau.Mcp;

/// <summary>What a mission-control task runs, as tools accept it.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<TaskKind>))]
public enum TaskKind
{
    [JsonStringEnumMemberName("prompt")] Prompt,
    [JsonStringEnumMemberName("command")] Command,
}
