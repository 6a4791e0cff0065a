namespace LeBureau.Operator.Machines;

/// <summary>The observed machine of a desktop: state, name (VM or process group), address, and a message on failure.</summary>
public sealed record MachineObservation(MachineState State, string? Name = null, string? IpAddress = null, string? Message = null);
