namespace LeBureau.DesktopAgent;

/// <summary>A service result: a value, or a client error (status and detail) to answer as ProblemDetails.</summary>
public readonly record struct Outcome<T>(T? Value, string? Error, int Status)
{
    public static Outcome<T> Ok(T value) => new(value, null, StatusCodes.Status200OK);

    public static Outcome<T> Fail(string error, int status = StatusCodes.Status400BadRequest) => new(default, error, status);

    public static implicit operator Outcome<T>(T value) => Ok(value);
}
