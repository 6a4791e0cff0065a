namespace LeBureau.ApiServer.Desktops;

internal static class DesktopValidation
{
    public static string? Name(string? name, bool required) => name switch
    {
        null => required ? "'name' is required." : null,
        _ when string.IsNullOrWhiteSpace(name) => "'name' must not be empty.",
        { Length: > 128 } => "'name' is longer than 128 characters.",
        _ => null,
    };
}
