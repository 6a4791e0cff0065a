using System.Security.Cryptography;
using System.Text;

namespace LeBureau.Operator.ApiKeys;

/// <summary>API key plaintext: <c>sk_live_</c> + 32 random bytes in base62; its SHA-256 and display prefix.</summary>
public static class ApiKeyMaterial
{
    public const string Scheme = "sk_live_";
    private const string Alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

    /// <summary>Base62 digits of a key: enough for any 256-bit number (62^43 > 2^256).</summary>
    public const int Digits = 43;

    /// <summary>
    /// A new key with 256 bits of entropy, always <see cref="Digits"/> digits long: a number below 62^42 (about one key
    /// in 60) has fewer digits and is padded with leading '0's, so every key has the same length.
    /// </summary>
    public static string Generate() => Scheme + Base62(RandomNumberGenerator.GetBytes(32)).PadLeft(Digits, '0');

    /// <summary>The lowercase hex SHA-256 the api-server looks keys up by.</summary>
    public static string Hash(string key) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));

    /// <summary>What may be shown of a key: the scheme and the first four characters.</summary>
    public static string Prefix(string key) => key.Length <= Scheme.Length + 4 ? key : key[..(Scheme.Length + 4)];

    /// <summary>Base62 of a big-endian unsigned number (leading zero bytes kept as '0').</summary>
    public static string Base62(ReadOnlySpan<byte> bytes)
    {
        var value = new System.Numerics.BigInteger(bytes, isUnsigned: true, isBigEndian: true);
        var text = new StringBuilder();
        while (value > 0)
        {
            value = System.Numerics.BigInteger.DivRem(value, 62, out var digit);
            text.Insert(0, Alphabet[(int)digit]);
        }
        foreach (var b in bytes)
        {
            if (b != 0) break;
            text.Insert(0, '0');
        }
        return text.ToString();
    }
}
