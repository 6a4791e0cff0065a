namespace LeBureau.Resources.Schema;

/// <summary>Marks a string as a duration such as <c>30m</c> or <c>1h30m</c> (see <see cref="LeBureau.Resources.Duration"/>).</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class DurationAttribute : Attribute
{
    /// <summary>The pattern the API server enforces: one or more number+unit pairs, no sign.</summary>
    public const string Pattern = @"^([0-9]+(\.[0-9]+)?(ms|s|m|h))+$";
}
