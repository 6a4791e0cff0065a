using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace LeBureau.ApiServer.Hosting;

/// <summary>Declares the two ways to present an API key in the OpenAPI document (shown by the docs UI).</summary>
internal static class OpenApiSecurity
{
    public static OpenApiOptions AddApiKeySchemes(this OpenApiOptions options)
    {
        options.AddDocumentTransformer((document, _, _) =>
        {
            document.Info.Title = "Le Bureau API";
            document.Components ??= new OpenApiComponents();
            document.Components.SecuritySchemes = new Dictionary<string, IOpenApiSecurityScheme>
            {
                ["bearer"] = new OpenApiSecurityScheme { Type = SecuritySchemeType.Http, Scheme = "bearer", Description = "Authorization: Bearer sk_live_…" },
                ["apiKeyHeader"] = new OpenApiSecurityScheme { Type = SecuritySchemeType.ApiKey, In = ParameterLocation.Header, Name = "x-api-key" },
            };
            document.Security =
            [
                new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference("bearer", document)] = [] },
                new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference("apiKeyHeader", document)] = [] },
            ];
            return Task.CompletedTask;
        });
        return options;
    }
}
