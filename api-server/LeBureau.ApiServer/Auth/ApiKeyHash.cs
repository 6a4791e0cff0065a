using System.Security.Cryptography;
using System.Text;

namespace LeBureau.ApiServer.Auth;

/// <summary>The SHA-256 hex digest under which an API key's status records it.</summary>
public static class ApiKeyHash
{
    public static string Of(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));
    }
}
