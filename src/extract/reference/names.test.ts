import assert from "node:assert/strict";
import { test } from "node:test";
import { splitNames } from "./names.ts";

const cases: [string, object[]][] = [
  [
    "Smith, J., Jones, K.",
    [
      { family: "Smith", given: "J." },
      { family: "Jones", given: "K." },
    ],
  ],
  [
    "J. Smith and K. Jones",
    [
      { family: "Smith", given: "J." },
      { family: "Jones", given: "K." },
    ],
  ],
  [
    "Smith J, Jones K",
    [
      { family: "Smith", given: "J" },
      { family: "Jones", given: "K" },
    ],
  ],
  [
    "Abel T., Bryan G. L.,",
    [
      { family: "Abel", given: "T." },
      { family: "Bryan", given: "G. L." },
    ],
  ],
  [
    "A. Cau, R. Kuiper, and W.-P. de Roever.",
    [
      { family: "Cau", given: "A." },
      { family: "Kuiper", given: "R." },
      { family: "Roever", given: "W.-P.", "non-dropping-particle": "de" },
    ],
  ],
  ["van der Aalst, W. M. P.", [{ family: "Aalst", given: "W. M. P.", "non-dropping-particle": "van der" }]],
  ["W. M. P. van der Aalst", [{ family: "Aalst", given: "W. M. P.", "non-dropping-particle": "van der" }]],
  [
    "M. MOMENTEAU et E. BISAGNI",
    [
      { family: "Momenteau", given: "M." },
      { family: "Bisagni", given: "E." },
    ],
  ],
  ["Smith, J. et al.", [{ family: "Smith", given: "J." }]],
  [
    "Pérez-Higueras JJ, de la Macorra JC",
    [
      { family: "Pérez-Higueras", given: "JJ" },
      { family: "Macorra", given: "JC", "non-dropping-particle": "de la" },
    ],
  ],
  [
    "Romero, C., Paunesku, D., & Dweck, C.",
    [
      { family: "Romero", given: "C." },
      { family: "Paunesku", given: "D." },
      { family: "Dweck", given: "C." },
    ],
  ],
  ["Alexander Vrchoticky.", [{ family: "Vrchoticky", given: "Alexander" }]],
  ["Jean-Paul Sartre", [{ family: "Sartre", given: "Jean-Paul" }]],
  [
    "In C. B. Jones and T. Denvir, editors,",
    [
      { family: "Jones", given: "C. B." },
      { family: "Denvir", given: "T." },
    ],
  ],
  ["Brierley, D.I.", [{ family: "Brierley", given: "D.I." }]],
  [
    "J. Barcelos-Neto, C. Wotzasek",
    [
      { family: "Barcelos-Neto", given: "J." },
      { family: "Wotzasek", given: "C." },
    ],
  ],
  ["Downs, Anthony", [{ family: "Downs", given: "Anthony" }]],
  [
    "APPELBAUM Eileen, BATT, Rosemary",
    [
      { family: "Appelbaum", given: "Eileen" },
      { family: "Batt", given: "Rosemary" },
    ],
  ],
  ["Calvert, Randall L.", [{ family: "Calvert", given: "Randall L." }]],
  ["Breidenbach, B. von", [{ family: "Breidenbach", given: "B.", "non-dropping-particle": "von" }]],
  [
    "Donsbach, W./Wolling, J./Blomberg, C.",
    [
      { family: "Donsbach", given: "W." },
      { family: "Wolling", given: "J." },
      { family: "Blomberg", given: "C." },
    ],
  ],
  [
    "Budge, Ian; Farlie, Dennis",
    [
      { family: "Budge", given: "Ian" },
      { family: "Farlie", given: "Dennis" },
    ],
  ],
];

for (const [input, expected] of cases) {
  test(`splitNames: ${input}`, () => {
    assert.deepEqual(splitNames(input), expected);
  });
}

test("splitNames is bounded on hostile input", () => {
  assert.deepEqual(splitNames(""), []);
  assert.deepEqual(splitNames(" , ; & and "), []);
  const many = Array.from({ length: 5000 }, (_, i) => `Name${i} A.`).join(", ");
  assert.ok(splitNames(many).length <= 200);
});
