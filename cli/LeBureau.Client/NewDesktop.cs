namespace LeBureau.Client;

/// <summary>A desktop to create.</summary>
/// <param name="Name">Display name, 1–128 characters.</param>
/// <param name="Tier">free | pro | max.</param>
/// <param name="ProviderConfig">The AI provider credentials of the desktop's chat agent (BYOK).</param>
public sealed record NewDesktop(string Name, string Tier, ProviderConfig ProviderConfig);

/// <summary>AI provider credentials (kept in a Secret, never shown again).</summary>
/// <param name="Provider">anthropic | openai | openrouter.</param>
/// <param name="ApiKey">The provider API key.</param>
/// <param name="Model">Model override.</param>
public sealed record ProviderConfig(string Provider, string ApiKey, string? Model = null);
