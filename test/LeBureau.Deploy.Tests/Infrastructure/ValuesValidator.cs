using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Serialization;
using LeBureau.Testing;

namespace LeBureau.Deploy.Tests.Infrastructure;

/// <summary>
/// Validates the chart's values.yaml, merged with overrides the way helm merges <c>-f</c>/<c>--set</c>, against
/// values.schema.json with Ajv (schema-validator/validate.mjs under node).
/// </summary>
public static class ValuesValidator
{
    /// <summary>One schema violation as Ajv reports it.</summary>
    public sealed record Violation(
        [property: JsonPropertyName("instancePath")] string InstancePath,
        [property: JsonPropertyName("keyword")] string Keyword,
        [property: JsonPropertyName("message")] string Message)
    {
        public override string ToString() => $"{InstancePath} {Keyword}: {Message}";
    }

    /// <summary>The outcome of one validation.</summary>
    public sealed record Verdict(
        [property: JsonPropertyName("valid")] bool Valid,
        [property: JsonPropertyName("errors")] IReadOnlyList<Violation> Errors)
    {
        public override string ToString() => Valid ? "valid" : string.Join("\n", Errors);
    }

    private static readonly string Script = RepoPaths.Of("test", "LeBureau.Deploy.Tests", "schema-validator", "validate.mjs");

    /// <summary>Validates values.yaml with <paramref name="overridesJson"/> (a JSON object) merged in.</summary>
    public static async Task<Verdict> ValidateAsync(string overridesJson = "{}", string? valuesPath = null)
    {
        var info = new ProcessStartInfo("node")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(Script);
        info.ArgumentList.Add(ChartPaths.Schema);
        info.ArgumentList.Add(valuesPath ?? ChartPaths.Values);
        using var process = Process.Start(info) ?? throw new InvalidOperationException("node did not start");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.StandardInput.WriteAsync(overridesJson);
        process.StandardInput.Close();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0) throw new InvalidOperationException($"validate.mjs exited with {process.ExitCode}: {await stderr}");
        return JsonSerializer.Deserialize<Verdict>(await stdout) ?? throw new InvalidOperationException("validate.mjs printed nothing");
    }
}
