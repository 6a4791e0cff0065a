using System.Text;

namespace LeBureau.Testing.Providers;

/// <summary>
/// The stand-in's default embedding: a bag of words hashed into a fixed number of signed dimensions, L2-normalised.
/// Deterministic, so texts that share words have a higher cosine similarity than texts that share none.
/// </summary>
public static class HashedEmbedding
{
    /// <summary>DefaultDimensions: 64, used when the request names no <c>dimensions</c>.</summary>
    public const int DefaultDimensions = 64;

    /// <summary>
    /// The embedding of <paramref name="text"/>: words are lower-cased runs of letters and digits; each adds ±1 at the
    /// index its FNV-1a hash picks. A text without words embeds as the first unit vector, never as zeros.
    /// </summary>
    public static float[] Compute(string text, int dimensions = DefaultDimensions)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentOutOfRangeException.ThrowIfLessThan(dimensions, 1);
        var vector = new float[dimensions];
        foreach (var word in Words(text))
        {
            var hash = Fnv1a(word);
            vector[(int)(hash % (uint)dimensions)] += (hash & 0x8000_0000) == 0 ? 1f : -1f;
        }
        var norm = MathF.Sqrt(vector.Sum(value => value * value));
        if (norm == 0)
        {
            vector[0] = 1;
            return vector;
        }
        for (var i = 0; i < vector.Length; i++) vector[i] /= norm;
        return vector;
    }

    /// <summary>The number of words <see cref="Compute"/> counts in <paramref name="text"/> (the reported token usage).</summary>
    public static int CountWords(string text) => Words(text).Count();

    private static IEnumerable<string> Words(string text)
    {
        var word = new StringBuilder();
        foreach (var character in text)
        {
            if (char.IsLetterOrDigit(character))
            {
                word.Append(char.ToLowerInvariant(character));
                continue;
            }
            if (word.Length == 0) continue;
            yield return word.ToString();
            word.Clear();
        }
        if (word.Length > 0) yield return word.ToString();
    }

    private static uint Fnv1a(string word)
    {
        var hash = 2166136261u;
        foreach (var b in Encoding.UTF8.GetBytes(word))
        {
            hash ^= b;
            hash *= 16777619u;
        }
        return hash;
    }
}
