namespace LeBureau.Resources.Schema;

/// <summary>The value the API server fills in when the field is omitted (an OpenAPI <c>default</c>).</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class DefaultAttribute(object value) : Attribute
{
    /// <summary>The default value, as it appears in JSON.</summary>
    public object Value { get; } = value;
}
