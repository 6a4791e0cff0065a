using System.Security.Cryptography;
using System.Text.Json;
using k8s;
using k8s.Models;
using LeBureau.ApiServer.Auth;
using LeBureau.Resources;

namespace LeBureau.ApiBench;

/// <summary>
/// An API key for a bench, written the way the operator's ApiKey controller would leave it (Active, hash and prefix in
/// status), so that a bench needs no operator. No limit of its own: the bench's api-server sets the global one.
/// </summary>
public static class BenchKeys
{
    public static async Task<string> CreateAsync(IKubernetes kube, string ns, string name, params Capability[] capabilities)
    {
        var key = "sk_live_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24));
        await kube.CustomObjects.CreateNamespacedCustomObjectAsync<ApiKey>(
            new ApiKey { Metadata = new V1ObjectMeta { Name = name }, Spec = new ApiKey.ApiKeySpec { Capabilities = capabilities } },
            Desktop.Group, Desktop.Version, ns, ApiKey.Plural);
        await kube.CustomObjects.PatchNamespacedCustomObjectStatusAsync<ApiKey>(
            new V1Patch(JsonSerializer.Serialize(new { status = new { phase = "Active", hash = ApiKeyHash.Of(key), prefix = key[..12] } }), V1Patch.PatchType.MergePatch),
            Desktop.Group, Desktop.Version, ns, ApiKey.Plural, name);
        return key;
    }
}
