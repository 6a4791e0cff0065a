using System.ClientModel.Primitives;

namespace LeBureau.DesktopAgent.Chat.Providers;

/// <summary>Adds fixed headers to every request of an OpenAI SDK client (OpenRouter's attribution headers).</summary>
public sealed class HeaderPolicy(IReadOnlyDictionary<string, string> headers) : PipelinePolicy
{
    /// <inheritdoc />
    public override void Process(PipelineMessage message, IReadOnlyList<PipelinePolicy> pipeline, int currentIndex)
    {
        Apply(message);
        ProcessNext(message, pipeline, currentIndex);
    }

    /// <inheritdoc />
    public override ValueTask ProcessAsync(PipelineMessage message, IReadOnlyList<PipelinePolicy> pipeline, int currentIndex)
    {
        Apply(message);
        return ProcessNextAsync(message, pipeline, currentIndex);
    }

    private void Apply(PipelineMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        foreach (var (name, value) in headers) message.Request.Headers.Set(name, value);
    }
}
