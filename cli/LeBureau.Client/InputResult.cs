namespace LeBureau.Client;

/// <summary>The result of an input action: the pointer position afterwards, when the action moves it.</summary>
public sealed record InputResult(bool Ok, int? X = null, int? Y = null);
