import { describe, expect, it } from "vitest";
import { ApiError } from "./errors";
import { friendlyMessage, tidy, type ValidationDetail } from "./friendly";

const FALLBACK = "The request body is not valid.";
const say = (detail: ValidationDetail) => friendlyMessage(detail, FALLBACK);

describe("friendlyMessage", () => {
  it.each<[string, ValidationDetail, string]>([
    [
      "string_too_long",
      { type: "string_too_long", ctx: { max_length: 200 }, message: "String should have at most 200 characters" },
      "Use at most 200 characters.",
    ],
    [
      "string_too_long, in thousands",
      { type: "string_too_long", ctx: { max_length: 10000 } },
      "Use at most 10,000 characters.",
    ],
    [
      "string_too_short",
      { type: "string_too_short", ctx: { min_length: 8 }, message: "String should have at least 8 characters" },
      "Use at least 8 characters.",
    ],
    ["string_too_short of one", { type: "string_too_short", ctx: { min_length: 1 } }, "This is required."],
    ["too_short (a list)", { type: "too_short", ctx: { min_length: 1, actual_length: 0 } }, "Add at least 1 item."],
    ["too_long (a list)", { type: "too_long", ctx: { max_length: 20 } }, "Use at most 20 items."],
    [
      "less_than_equal",
      { type: "less_than_equal", ctx: { le: 200 }, message: "Input should be less than or equal to 200" },
      "Use a number of at most 200.",
    ],
    ["greater_than_equal", { type: "greater_than_equal", ctx: { ge: 25 } }, "Use a number of at least 25."],
    ["less_than", { type: "less_than", ctx: { lt: 10 } }, "Use a number below 10."],
    ["greater_than", { type: "greater_than", ctx: { gt: 0 } }, "Use a number above 0."],
    ["a bound sent as text", { type: "less_than_equal", ctx: { le: "2.5" } }, "Use a number of at most 2.5."],
    ["multiple_of", { type: "multiple_of", ctx: { multiple_of: 5 } }, "Use a multiple of 5."],
    [
      "string_pattern_mismatch on username",
      { field: "username", type: "string_pattern_mismatch", ctx: { pattern: "^[a-z0-9_]{3,30}$" } },
      "Use 3–30 lowercase letters, digits or underscores.",
    ],
    [
      "string_pattern_mismatch on slug",
      {
        field: "slug",
        type: "string_pattern_mismatch",
        ctx: { pattern: "^[a-z0-9]+(-[a-z0-9]+)*$" },
        message: "String should match pattern '^[a-z0-9]+(-[a-z0-9]+)*$'",
      },
      "Use lowercase letters, digits and single hyphens, e.g. ada-lovelace.",
    ],
    [
      "string_pattern_mismatch on a field named otherwise, by its pattern",
      { field: "members.0.name", type: "string_pattern_mismatch", ctx: { pattern: "^[a-z0-9_]{3,30}$" } },
      "Use 3–30 lowercase letters, digits or underscores.",
    ],
    [
      "string_pattern_mismatch on another field",
      { field: "time_zone", type: "string_pattern_mismatch", ctx: { pattern: "^[A-Z]" } },
      "This doesn't look right.",
    ],
    [
      "value_error with an e-mail reason",
      {
        field: "email",
        type: "value_error",
        ctx: { reason: "There must be something after the @-sign." },
        message: "value is not a valid email address: There must be something after the @-sign.",
      },
      "Enter an e-mail address like name@example.com.",
    ],
    [
      "value_error from our own validator",
      {
        type: "value_error",
        ctx: { error: "That username is taken." },
        message: "Value error, That username is taken.",
      },
      "That username is taken.",
    ],
    [
      "value_error from our own validator, in lower case",
      {
        type: "value_error",
        ctx: { error: "must not be in the future" },
        message: "Value error, must not be in the future",
      },
      "Must not be in the future.",
    ],
    ["missing", { type: "missing", message: "Field required" }, "This is required."],
    [
      "url_parsing",
      { type: "url_parsing", ctx: { error: "relative URL without a base" } },
      "Enter a full web address, e.g. https://example.com.",
    ],
    [
      "url_scheme",
      { type: "url_scheme", ctx: { expected_schemes: "'http' or 'https'" } },
      "Enter a full web address, e.g. https://example.com.",
    ],
    ["url_too_long", { type: "url_too_long", ctx: { max_length: 2048 } }, "Use at most 2,048 characters."],
    ["int_parsing", { type: "int_parsing", message: "Input should be a valid integer" }, "Enter a whole number."],
    ["int_from_float", { type: "int_from_float" }, "Enter a whole number."],
    ["float_parsing", { type: "float_parsing" }, "Enter a number."],
    ["bool_type", { type: "bool_type" }, "Choose yes or no."],
    ["string_type", { type: "string_type" }, "Enter some text."],
    ["literal_error", { type: "literal_error", ctx: { expected: "'a' or 'b'" } }, "Choose one of the options."],
    ["union_tag_invalid", { type: "union_tag_invalid", ctx: { tag: "video" } }, "Choose one of the options."],
    ["uuid_parsing", { type: "uuid_parsing" }, "This doesn't look right."],
    ["date_parsing", { type: "date_parsing" }, "Enter a date like 2010-05-31."],
    ["date_past", { type: "date_past" }, "Enter a date in the past."],
    ["datetime_parsing", { type: "datetime_parsing" }, "Enter a date and time."],
  ])("words %s plainly", (_, detail, words) => {
    expect(say(detail)).toBe(words);
  });

  it("falls back to the API's message for a type it does not know", () => {
    expect(say({ type: "nul_character", message: "Text cannot contain the NUL character (\\u0000)." })).toBe(
      "Text cannot contain the NUL character (\\u0000).",
    );
  });

  it("falls back to the API's message when a known type comes without the context it needs", () => {
    expect(say({ type: "string_too_long", message: "String should have at most 5 characters" })).toBe(
      "String should have at most 5 characters",
    );
  });

  it("falls back to the error's message when a detail has none", () => {
    expect(say({ field: "title" })).toBe(FALLBACK);
  });
});

describe("tidy", () => {
  it("drops pydantic's prefix from our validators' words", () => {
    expect(tidy("Value error, That username is taken.")).toBe("That username is taken.");
  });

  it("leaves a message without the prefix as it is", () => {
    expect(tidy("value is not a valid email address")).toBe("value is not a valid email address");
  });
});

describe("ApiError.fieldErrors", () => {
  it("puts plain words next to each field instead of pydantic's", () => {
    const error = new ApiError(422, {
      error: {
        code: "validation_error",
        message: "The request body is not valid.",
        details: [
          {
            field: "slug",
            location: "body",
            type: "string_pattern_mismatch",
            message: "String should match pattern '^[a-z0-9]+(-[a-z0-9]+)*$'",
            ctx: { pattern: "^[a-z0-9]+(-[a-z0-9]+)*$" },
          },
          {
            field: "suggested_tasks.0.xp_value",
            location: "body",
            type: "less_than_equal",
            message: "Input should be less than or equal to 200",
            ctx: { le: 200 },
          },
          { field: "username", type: "value_error", message: "Value error, That username is taken.", ctx: {} },
        ],
      },
    });
    expect(error.fieldErrors()).toEqual({
      slug: "Use lowercase letters, digits and single hyphens, e.g. ada-lovelace.",
      // A list row's error only under its full path: its "xp_value" is not the form's own.
      "suggested_tasks.0.xp_value": "Use a number of at most 200.",
      username: "That username is taken.",
    });
  });

  it("keeps an error without details on the field its code names, in the API's words", () => {
    const error = new ApiError(409, { error: { code: "email_taken", message: "That e-mail is taken.", details: [] } });
    expect(error.fieldErrors({ email_taken: "email" })).toEqual({ email: "That e-mail is taken." });
  });
});
