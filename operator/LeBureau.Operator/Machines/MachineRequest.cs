using LeBureau.Operator.Tiers;
using LeBureau.Resources;

namespace LeBureau.Operator.Machines;

/// <summary>What a runtime needs to create or update a desktop's machine. The secrets stay out of logs and specs.</summary>
public sealed record MachineRequest(Desktop Desktop, TierSize Size, string AgentToken, string? ProviderKey);
