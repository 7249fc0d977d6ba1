using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Continuity.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class AddWaivers : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "Waivers",
                table: "organisations",
                type: "TEXT",
                nullable: false,
                defaultValue: "[]");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "Waivers",
                table: "organisations");
        }
    }
}
