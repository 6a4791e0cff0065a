namespace LeBureau.Cli;

/// <summary>What <c>lebureau up</c> was asked for.</summary>
/// <param name="StateDirectory">Cluster, Redis and desktop state; reused across runs.</param>
/// <param name="ApiPort">The API's port.</param>
/// <param name="KubePort">The kube-apiserver's port.</param>
/// <param name="EtcdPort">etcd's client port.</param>
/// <param name="RedisPort">Redis's port.</param>
/// <param name="Tenant">The admin key's namespace.</param>
/// <param name="AgentPath">The desktop agent, when given.</param>
public sealed record UpOptions(string StateDirectory, int ApiPort, int KubePort, int EtcdPort, int RedisPort, string Tenant, string? AgentPath);
