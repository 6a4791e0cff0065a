namespace LeBureau.DesktopAgent.Exec;

/// <summary>Validates /exec and /bash requests and runs them with <see cref="ProcessRunner"/>.</summary>
internal sealed class ExecService(ProcessRunner runner)
{
    public async Task<Outcome<ExecResult>> ExecAsync(ExecRequest request, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(request.Command))
        {
            return Outcome<ExecResult>.Fail("command is empty");
        }

        if (ProcessLimits.Validate(request.TimeoutMs, request.MaxOutputBytes, request.Cwd) is { } error)
        {
            return Outcome<ExecResult>.Fail(error);
        }

        return await runner.RunAsync(
            "exec", ["bash", "-c", request.Command], request.Cwd, request.Env, request.Stdin, request.TimeoutMs, request.MaxOutputBytes, CancellationToken.None, cancellationToken);
    }

    public async Task<Outcome<ExecResult>> BashAsync(BashRequest request, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(request.Script))
        {
            return Outcome<ExecResult>.Fail("script is empty");
        }

        if (ProcessLimits.Validate(request.TimeoutMs, request.MaxOutputBytes, request.Cwd) is { } error)
        {
            return Outcome<ExecResult>.Fail(error);
        }

        var file = Path.Combine(Path.GetTempPath(), $"lebureau-{Guid.NewGuid():N}.sh");
        await File.WriteAllTextAsync(file, request.Script, cancellationToken);
        try
        {
            return await runner.RunAsync(
                "bash", ["bash", file], request.Cwd, request.Env, request.Stdin, request.TimeoutMs, request.MaxOutputBytes, CancellationToken.None, cancellationToken);
        }
        finally
        {
            File.Delete(file);
        }
    }
}
