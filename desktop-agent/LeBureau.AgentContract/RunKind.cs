using System.Text.Json.Serialization;

namespace LeBureau.AgentContract;

/// <summary>What a run does on the desktop.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<RunKind>))]
public enum RunKind
{
    /// <summary>A shell command, run with <c>bash -c</c> in its own process group.</summary>
    [JsonStringEnumMemberName("command")] Command,

    /// <summary>A message to the desktop's chat agent; the run's output is the agent's answer.</summary>
    [JsonStringEnumMemberName("prompt")] Prompt,
}
