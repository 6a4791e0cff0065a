using System.Runtime.InteropServices;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace LeBureau.Testing.Providers;

/// <summary>OpenAI embeddings on the wire: <see cref="HashedEmbedding"/> vectors as float arrays or base64.</summary>
internal static class EmbeddingsWire
{
    public static Task WriteEmbeddingsAsync(HttpResponse response, RecordedRequest request, CancellationToken cancellationToken)
    {
        var inputs = Inputs(request.Json?["input"]);
        if (inputs is null)
            return OpenAIWire.WriteErrorAsync(response, 400, null, "stand-in: 'input' must be a string or an array of strings", cancellationToken);
        var dimensions = request.Json?["dimensions"]?.GetValue<int>() ?? HashedEmbedding.DefaultDimensions;
        var base64 = request.Json?["encoding_format"]?.GetValue<string>() == "base64";
        var data = new JsonArray();
        for (var index = 0; index < inputs.Count; index++)
        {
            var vector = HashedEmbedding.Compute(inputs[index], dimensions);
            data.Add(new JsonObject
            {
                ["object"] = "embedding",
                ["index"] = index,
                ["embedding"] = base64
                    ? Convert.ToBase64String(MemoryMarshal.AsBytes(vector.AsSpan()))
                    : new JsonArray([.. vector.Select(value => (JsonNode)value)]),
            });
        }
        var tokens = inputs.Sum(HashedEmbedding.CountWords);
        return WireText.WriteJsonAsync(response, 200, new JsonObject
        {
            ["object"] = "list",
            ["data"] = data,
            ["model"] = request.Json?["model"]?.GetValue<string>() ?? "embedding-stand-in",
            ["usage"] = new JsonObject { ["prompt_tokens"] = tokens, ["total_tokens"] = tokens },
        }, cancellationToken);
    }

    private static List<string>? Inputs(JsonNode? input) => input switch
    {
        JsonValue value when value.TryGetValue<string>(out var text) => [text],
        JsonArray array when array.All(item => item is JsonValue value && value.TryGetValue<string>(out _)) =>
            [.. array.Select(item => item!.GetValue<string>())],
        _ => null,
    };
}
