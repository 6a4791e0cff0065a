using System.Diagnostics;

namespace LeBureau.Testing;

/// <summary>Runs the real kubectl against a kubeconfig.</summary>
public sealed class Kubectl(string kubeconfig)
{
    /// <summary>The result of one kubectl run.</summary>
    public sealed record Result(int ExitCode, string StdOut, string StdErr)
    {
        /// <summary>Both streams, for assertion messages.</summary>
        public override string ToString() => $"exit {ExitCode}\n{StdOut}\n{StdErr}";
    }

    /// <summary>Runs <c>kubectl args…</c>, with <paramref name="stdin"/> piped in when given.</summary>
    public async Task<Result> RunAsync(string[] args, string? stdin = null, CancellationToken cancellationToken = default)
    {
        var info = new ProcessStartInfo("kubectl")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add($"--kubeconfig={kubeconfig}");
        foreach (var a in args) info.ArgumentList.Add(a);
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        if (stdin is not null) await process.StandardInput.WriteAsync(stdin);
        process.StandardInput.Close();
        await process.WaitForExitAsync(cancellationToken);
        return new Result(process.ExitCode, await stdout, await stderr);
    }

    /// <summary>Runs kubectl with arguments split on spaces (no quoting).</summary>
    public Task<Result> RunAsync(string args, string? stdin = null) => RunAsync(args.Split(' ', StringSplitOptions.RemoveEmptyEntries), stdin);
}
