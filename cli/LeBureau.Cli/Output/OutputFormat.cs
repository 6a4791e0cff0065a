namespace LeBureau.Cli.Output;

/// <summary>How results are printed (<c>-o</c>).</summary>
public enum OutputFormat
{
    /// <summary>Aligned columns for people (the default).</summary>
    Table,

    /// <summary>Indented JSON, the API's own field names.</summary>
    Json,

    /// <summary>YAML with the same fields as JSON.</summary>
    Yaml,
}
