using System.Text;
using LeBureau.Operator.Tiers;
using LeBureau.Resources;

namespace LeBureau.Operator.Machines;

/// <summary>
/// What a runtime needs to create or update a desktop's machine: the desktop, its size, its agent token and, when it has a
/// provider, its chat agent's settings (<see cref="ChatSettings"/>, keys included). The secrets stay out of logs and specs:
/// <see cref="ToString"/> shows neither the token nor the keys.
/// </summary>
public sealed record MachineRequest(Desktop Desktop, TierSize Size, string AgentToken, ChatSettings? Chat)
{
    private bool PrintMembers(StringBuilder builder)
    {
        builder.Append("Desktop = ").Append(Desktop.Metadata?.NamespaceProperty).Append('/').Append(Desktop.Metadata?.Name)
            .Append(", Size = ").Append(Size)
            .Append(", Chat = ").Append(Chat);
        return true;
    }
}
