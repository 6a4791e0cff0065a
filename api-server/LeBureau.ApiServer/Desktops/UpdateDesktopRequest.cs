namespace LeBureau.ApiServer.Desktops;

/// <summary>Body of <c>PATCH /api/desktops/:id</c>; absent fields stay as they are.</summary>
/// <param name="Name">New display name (1–128 characters).</param>
/// <param name="KeepAlive">If true, the desktop is not auto-stopped after inactivity.</param>
public sealed record UpdateDesktopRequest(string? Name, bool? KeepAlive)
{
    public string? Validate() =>
        Name is null && KeepAlive is null ? "Nothing to update: give 'name' and/or 'keepAlive'." : DesktopValidation.Name(Name, required: false);
}
