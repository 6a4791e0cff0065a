using k8s.Models;
using LeBureau.Operator.Runtime;
using LeBureau.Resources;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace LeBureau.Operator.ApiKeys;

/// <summary>Registers the ApiKey controller.</summary>
public static class ApiKeyControllerExtensions
{
    /// <summary>Adds the ApiKey controller (reconciler over the shared ApiKey informer; Secrets by client, owned by the key).</summary>
    public static WebApplicationBuilder AddApiKeyController(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.TryAddSingleton(sp => new ResourceClient<V1Secret>(sp.GetRequiredService<KubeApi>()));
        builder.Services.AddController<ApiKey, ApiKeyReconciler>("apikey");
        return builder;
    }
}
