/** The admin area's certifications pages. en must have the same keys. */
export const certificationsVi = {
  title: "certifications",
};

export const certificationsEn: typeof certificationsVi = {
  title: "certifications",
};
