using System.CommandLine;
using System.Net;
using k8s;
using k8s.Models;
using LeBureau.Cli.Hosting;
using LeBureau.Cli.Output;
using LeBureau.Resources;

namespace LeBureau.Cli.Keys;

/// <summary>
/// <c>lebureau keys create|list|revoke</c>: ApiKeys through the cluster (the kubeconfig), as a platform admin issues them.
/// Creating one goes through <see cref="ApiKeyIssuer"/>, the same path as <c>lebureau up</c>'s admin key.
/// </summary>
public static class KeysCommand
{
    public static Command Create(CliEnvironment environment)
    {
        var keys = new Command("keys", "Issue, list and revoke API keys (through the cluster: needs a kubeconfig, like kubectl).");
        keys.Subcommands.Add(CreateCommand(environment));
        keys.Subcommands.Add(ListCommand(environment));
        keys.Subcommands.Add(RevokeCommand(environment));
        return keys.ShowsHelp();
    }

    private static Option<string?> KubeconfigOption() => new("--kubeconfig")
    {
        Description = "The cluster's kubeconfig (default: KUBECONFIG, ~/.kube/config, then the cluster of `lebureau up`).",
    };

    private static Command CreateCommand(CliEnvironment environment)
    {
        var ns = new Option<string>("--namespace", "-n") { Description = "The tenant namespace the key belongs to.", Required = true };
        var capability = new Option<string[]>("--capability", "-c")
        {
            Description = $"A capability of the key (repeat, or comma-separate): {string.Join(", ", CapabilityNames.Known)}, or all.",
            Required = true, AllowMultipleArgumentsPerToken = false,
        };
        var name = new Option<string?>("--name") { Description = "The ApiKey's name (default: key-<random>)." };
        var description = new Option<string?>("--description") { Description = "What the key is for." };
        var expires = new Option<string?>("--expires") { Description = "When the key stops working: a duration (90m, 12h, 30d) or a date-time (2027-01-31)." };
        var rateLimit = new Option<int?>("--rate-limit") { Description = "Requests per minute for this key (default: the api-server's, 60)." };
        var createNamespace = new Option<bool>("--create-namespace") { Description = "Create the namespace when it does not exist (a new tenant)." };
        var timeout = TimeoutOption.Create("How long to wait for the operator to issue the key", "60s");
        var output = OutputOption.Create();
        var kubeconfig = KubeconfigOption();
        var command = new Command("create", "Create an API key and print it. The key is shown this once: only its hash is kept.")
        {
            ns, capability, name, description, expires, rateLimit, createNamespace, timeout, output, kubeconfig,
        };
        command.SetCliAction(environment, async (result, context, cancellationToken) =>
        {
            var capabilities = CapabilityNames.Parse(result.GetValue(capability) ?? []);
            var spec = new ApiKey.ApiKeySpec
            {
                Capabilities = capabilities,
                Description = result.GetValue(description),
                ExpiresAt = result.GetValue(expires) is { } expiry ? ExpiryText.Parse(expiry, DateTimeOffset.UtcNow) : null,
                RateLimitPerMinute = result.GetValue(rateLimit) is { } limit
                    ? limit is >= 1 and <= 100000 ? limit : throw new CliException("--rate-limit must be between 1 and 100000", ExitCodes.Usage)
                    : null,
            };
            var tenant = result.GetValue(ns)!;
            var keyName = result.GetValue(name) ?? $"key-{Guid.NewGuid().ToString("N")[..8]}";
            using var client = Connect(result.GetValue(kubeconfig), environment);
            if (result.GetValue(createNamespace)) await EnsureNamespaceAsync(client, tenant, cancellationToken);
            string plaintext;
            try
            {
                plaintext = await ApiKeyIssuer.IssueAsync(client, tenant, keyName, spec, result.GetValue(timeout), cancellationToken);
            }
            catch (k8s.Autorest.HttpOperationException e) when (e.Response.StatusCode == HttpStatusCode.NotFound)
            {
                throw new CliException($"namespace {tenant} does not exist: pass --create-namespace to make it a new tenant", ExitCodes.NotFound, e);
            }
            var issued = await GetAsync(client, tenant, keyName, cancellationToken);
            var format = result.GetValue(output);
            if (format == OutputFormat.Table)
            {
                await context.Error.WriteLineAsync(
                    $"ApiKey {tenant}/{keyName} issued ({string.Join(", ", ApiServer.Auth.CapabilityPolicy.Names(capabilities))}). " +
                    "Save the key now: it is not shown again.");
                await context.Out.WriteLineAsync(plaintext);
            }
            else
            {
                var view = KeyView.Of(issued, plaintext);
                await ResultWriter.WriteAsync(context.Out, format, view, [view], Columns(DateTimeOffset.UtcNow));
            }
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command ListCommand(CliEnvironment environment)
    {
        var ns = new Option<string?>("--namespace", "-n") { Description = "Only the keys of this tenant namespace (default: all namespaces)." };
        var output = OutputOption.Create();
        var kubeconfig = KubeconfigOption();
        var command = new Command("list", "List API keys: name, prefix, capabilities, phase, expiry. Never the keys themselves.") { ns, output, kubeconfig };
        command.Aliases.Add("ls");
        command.SetCliAction(environment, async (result, context, cancellationToken) =>
        {
            using var client = Connect(result.GetValue(kubeconfig), environment);
            var tenant = result.GetValue(ns);
            var list = tenant is null
                ? await client.CustomObjects.ListClusterCustomObjectAsync<LeBureau.Operator.Runtime.ObjectList<ApiKey>>(
                    Desktop.Group, Desktop.Version, ApiKey.Plural, cancellationToken: cancellationToken)
                : await client.CustomObjects.ListNamespacedCustomObjectAsync<LeBureau.Operator.Runtime.ObjectList<ApiKey>>(
                    Desktop.Group, Desktop.Version, tenant, ApiKey.Plural, cancellationToken: cancellationToken);
            var views = (list.Items ?? []).OrderBy(k => k.Metadata.NamespaceProperty).ThenBy(k => k.Metadata.Name).Select(k => KeyView.Of(k)).ToList();
            await ResultWriter.WriteAsync(context.Out, result.GetValue(output), views, views, Columns(DateTimeOffset.UtcNow));
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command RevokeCommand(CliEnvironment environment)
    {
        var name = new Argument<string>("name") { Description = "The ApiKey's name (see `lebureau keys list`)." };
        var ns = new Option<string>("--namespace", "-n") { Description = "The key's tenant namespace.", Required = true };
        var kubeconfig = KubeconfigOption();
        var command = new Command("revoke", "Revoke an API key: it stops working at once and for good (the ApiKey stays, marked Revoked).") { name, ns, kubeconfig };
        command.SetCliAction(environment, async (result, context, cancellationToken) =>
        {
            using var client = Connect(result.GetValue(kubeconfig), environment);
            var tenant = result.GetValue(ns)!;
            var keyName = result.GetValue(name)!;
            await GetAsync(client, tenant, keyName, cancellationToken);
            await client.CustomObjects.PatchNamespacedCustomObjectAsync(
                new V1Patch("""{"spec":{"revoked":true}}""", V1Patch.PatchType.MergePatch),
                Desktop.Group, Desktop.Version, tenant, ApiKey.Plural, keyName, cancellationToken: cancellationToken);
            await context.Out.WriteLineAsync($"apikey {tenant}/{keyName} revoked");
            return ExitCodes.Ok;
        });
        return command;
    }

    private static List<TableColumn<KeyView>> Columns(DateTimeOffset now) =>
    [
        new("namespace", k => k.Namespace),
        new("name", k => k.Name),
        new("prefix", k => k.Prefix is null ? null : k.Prefix + "…"),
        new("capabilities", k => string.Join(",", k.Capabilities)),
        new("phase", k => k.Phase),
        new("expires", k => k.ExpiresAt?.ToString("yyyy-MM-dd HH:mm'Z'", System.Globalization.CultureInfo.InvariantCulture)),
        new("age", k => Age.Format(k.CreatedAt, now)),
    ];

    private static Kubernetes Connect(string? flag, CliEnvironment environment)
    {
        var path = KubeconfigLocator.Locate(flag, environment);
        try
        {
            return new Kubernetes(KubernetesClientConfiguration.BuildConfigFromConfigFile(path));
        }
        catch (k8s.Exceptions.KubeConfigException e)
        {
            throw new CliException($"the kubeconfig {path} cannot be used: {e.Message}", ExitCodes.Usage, e);
        }
    }

    private static async Task<ApiKey> GetAsync(Kubernetes client, string ns, string name, CancellationToken cancellationToken)
    {
        try
        {
            return await client.CustomObjects.GetNamespacedCustomObjectAsync<ApiKey>(Desktop.Group, Desktop.Version, ns, ApiKey.Plural, name, cancellationToken);
        }
        catch (k8s.Autorest.HttpOperationException e) when (e.Response.StatusCode == HttpStatusCode.NotFound)
        {
            throw new CliException($"no API key {name} in namespace {ns} (see `lebureau keys list -n {ns}`)", ExitCodes.NotFound, e);
        }
    }

    private static async Task EnsureNamespaceAsync(Kubernetes client, string ns, CancellationToken cancellationToken)
    {
        try
        {
            await client.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = ns } }, cancellationToken: cancellationToken);
        }
        catch (k8s.Autorest.HttpOperationException e) when (e.Response.StatusCode == HttpStatusCode.Conflict)
        {
            // The tenant exists already.
        }
    }
}
