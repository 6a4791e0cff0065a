namespace LeBureau.Cli.Hosting;

/// <summary>What <c>lebureau</c> exits with (also listed in <c>lebureau --help</c> and the README).</summary>
public static class ExitCodes
{
    /// <summary>Done.</summary>
    public const int Ok = 0;

    /// <summary>Anything else: the server failed (5xx), an unexpected answer.</summary>
    public const int Error = 1;

    /// <summary>The command line is wrong: an unknown command, a missing or invalid argument or option.</summary>
    public const int Usage = 2;

    /// <summary>Not logged in, or the API key is wrong, revoked or expired (HTTP 401).</summary>
    public const int Unauthenticated = 3;

    /// <summary>The key lacks the capability the command needs (HTTP 403), or the desktop belongs to another tenant.</summary>
    public const int Forbidden = 4;

    /// <summary>No such desktop or key (HTTP 404).</summary>
    public const int NotFound = 5;

    /// <summary>The desktop is not in a state for this: stopping a stopped desktop (409), its agent not ready yet (503).</summary>
    public const int Conflict = 6;

    /// <summary>The API or the cluster cannot be reached (wrong URL, not running, not a Le Bureau API).</summary>
    public const int Unreachable = 7;

    /// <summary>A wait (<c>--wait</c>, <c>--timeout</c>) ran out.</summary>
    public const int Timeout = 8;

    /// <summary>The table <c>--help</c> shows.</summary>
    public const string Help = """
        Exit codes:
          0  done                               5  not found (404)
          1  error (server error, unexpected)   6  not in a state for this (409), agent not ready (503)
          2  bad command line                   7  API or cluster unreachable
          3  not logged in, bad key (401)       8  a wait timed out
          4  missing capability (403)
          `desktops exec` exits with the remote command's exit code once it ran.
        """;
}
