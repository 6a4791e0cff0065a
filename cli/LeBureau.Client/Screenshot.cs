namespace LeBureau.Client;

/// <summary>An image of a desktop's screen: the encoded bytes and their media type (image/png or image/jpeg).</summary>
public sealed record Screenshot(byte[] Bytes, string ContentType);
