namespace LeBureau.Operator.Desktops;

/// <summary>Why a desktop cannot run (a condition reason from ConditionReasons) and a message without secrets.</summary>
public sealed record DesktopProblem(string Reason, string Message);
