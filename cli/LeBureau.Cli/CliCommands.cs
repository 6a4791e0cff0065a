using System.CommandLine;

namespace LeBureau.Cli;

/// <summary>The command line: <c>lebureau up</c>.</summary>
public static class CliCommands
{
    public static RootCommand Root()
    {
        var state = new Option<DirectoryInfo>("--state-dir")
        {
            Description = "Where the embedded platform keeps its cluster, Redis data and desktops (reused by the next `up`).",
            DefaultValueFactory = _ => new DirectoryInfo(Environment.GetEnvironmentVariable("LEBUREAU_HOME") is { Length: > 0 } home
                ? home : Path.Combine(Environment.CurrentDirectory, ".lebureau")),
        };
        var port = new Option<int>("--port") { Description = "Port of the API (REST, SSE, docs).", DefaultValueFactory = _ => 8080 };
        var kubePort = new Option<int>("--kube-port") { Description = "Port of the embedded kube-apiserver.", DefaultValueFactory = _ => 16443 };
        var etcdPort = new Option<int>("--etcd-port") { Description = "Port of the embedded etcd.", DefaultValueFactory = _ => 12379 };
        var redisPort = new Option<int>("--redis-port") { Description = "Port of the embedded Redis.", DefaultValueFactory = _ => 16379 };
        var tenant = new Option<string>("--namespace") { Description = "The tenant namespace of the admin API key.", DefaultValueFactory = _ => "lebureau" };
        var agent = new Option<FileInfo?>("--agent") { Description = "The desktop agent executable or .dll (default: next to this program, or built by ./lebureau)." };

        var up = new Command("up", "Run the whole platform on this machine: a local control plane, Redis, the operator with the local desktop runtime, and the API.")
        {
            state, port, kubePort, etcdPort, redisPort, tenant, agent,
        };
        up.SetAction((result, cancellationToken) => new UpCommand(new UpOptions(
            result.GetValue(state)!.FullName,
            result.GetValue(port),
            result.GetValue(kubePort),
            result.GetValue(etcdPort),
            result.GetValue(redisPort),
            result.GetValue(tenant)!,
            result.GetValue(agent)?.FullName)).RunAsync(cancellationToken));

        var mcp = new Command("mcp", "Serve the Le Bureau tools to an MCP host (Claude Desktop, Claude Code) on stdio; configured by LEBUREAU_URL and LEBUREAU_KEY.");
        mcp.SetAction((_, cancellationToken) => McpCommand.RunAsync(
            Environment.GetEnvironmentVariable("LEBUREAU_URL"), Environment.GetEnvironmentVariable("LEBUREAU_KEY"), cancellationToken));

        return new RootCommand("Le Bureau: Linux desktops for AI agents on Kubernetes.") { up, mcp };
    }
}
